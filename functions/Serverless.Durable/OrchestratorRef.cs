using System.Text.Json.Serialization.Metadata;

namespace Serverless.Durable;

/// <summary>A typed reference to an orchestrator: its name and the JSON contracts of its input and output.</summary>
/// <typeparam name="TInput">The orchestration's input.</typeparam>
/// <typeparam name="TOutput">The orchestration's output.</typeparam>
public sealed class OrchestratorRef<TInput, TOutput>
{
    private readonly Func<JsonTypeInfo<TInput>> _input;
    private readonly Func<JsonTypeInfo<TOutput>> _output;

    /// <summary>Creates a reference.</summary>
    /// <param name="name">The orchestrator's name, stable across deployments (it is stored with every instance).</param>
    /// <param name="input">The JSON contract of the input.</param>
    /// <param name="output">The JSON contract of the output.</param>
    public OrchestratorRef(string name, JsonTypeInfo<TInput> input, JsonTypeInfo<TOutput> output)
        : this(name, () => input, () => output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
    }

    /// <summary>
    /// Creates a reference whose JSON contracts are read on first use, e.g. <c>() => MyJsonContext.Default.MyInput</c>.
    /// A source-generated contract is built and configured when it is first read; deferring that keeps declaring and
    /// registering orchestrators off the host's start-up path.
    /// </summary>
    /// <param name="name">The orchestrator's name, stable across deployments (it is stored with every instance).</param>
    /// <param name="input">Returns the JSON contract of the input; called once, on first use.</param>
    /// <param name="output">Returns the JSON contract of the output; called once, on first use.</param>
    public OrchestratorRef(string name, Func<JsonTypeInfo<TInput>> input, Func<JsonTypeInfo<TOutput>> output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        Name = name;
        _input = input;
        _output = output;
    }

    /// <summary>The orchestrator's name.</summary>
    public string Name { get; }

    /// <summary>The JSON contract of the input.</summary>
    public JsonTypeInfo<TInput> Input => field ??= _input();

    /// <summary>The JSON contract of the output.</summary>
    public JsonTypeInfo<TOutput> Output => field ??= _output();

    /// <inheritdoc />
    public override string ToString() => Name;
}
