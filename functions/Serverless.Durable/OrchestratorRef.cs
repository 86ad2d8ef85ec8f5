using System.Text.Json.Serialization.Metadata;

namespace Serverless.Durable;

/// <summary>A typed reference to an orchestrator: its name and the JSON contracts of its input and output.</summary>
/// <typeparam name="TInput">The orchestration's input.</typeparam>
/// <typeparam name="TOutput">The orchestration's output.</typeparam>
public sealed class OrchestratorRef<TInput, TOutput>
{
    /// <summary>Creates a reference.</summary>
    /// <param name="name">The orchestrator's name, stable across deployments (it is stored with every instance).</param>
    /// <param name="input">The JSON contract of the input.</param>
    /// <param name="output">The JSON contract of the output.</param>
    public OrchestratorRef(string name, JsonTypeInfo<TInput> input, JsonTypeInfo<TOutput> output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Input = input;
        Output = output;
    }

    /// <summary>The orchestrator's name.</summary>
    public string Name { get; }

    /// <summary>The JSON contract of the input.</summary>
    public JsonTypeInfo<TInput> Input { get; }

    /// <summary>The JSON contract of the output.</summary>
    public JsonTypeInfo<TOutput> Output { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
