using System.Text.Json.Serialization.Metadata;

namespace Serverless.Durable;

/// <summary>
/// A typed reference to an activity: its name, the queue its work items travel on, and the source-generated JSON
/// contracts of its input and output. Orchestrators call activities through these references, never by bare name.
/// </summary>
/// <typeparam name="TInput">The activity's input.</typeparam>
/// <typeparam name="TOutput">The activity's output.</typeparam>
public sealed class ActivityRef<TInput, TOutput>
{
    private readonly Func<JsonTypeInfo<TInput>> _input;
    private readonly Func<JsonTypeInfo<TOutput>> _output;

    /// <summary>Creates a reference.</summary>
    /// <param name="name">The activity's name, unique within the registry and stable across deployments (it is written to history).</param>
    /// <param name="input">The JSON contract of the input.</param>
    /// <param name="output">The JSON contract of the output.</param>
    /// <param name="queue">The queue that carries this activity's work items; <see langword="null"/> for the task hub's default activity queue.</param>
    public ActivityRef(string name, JsonTypeInfo<TInput> input, JsonTypeInfo<TOutput> output, string? queue = null)
        : this(name, () => input, () => output, queue)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
    }

    /// <summary>
    /// Creates a reference whose JSON contracts are read on first use, e.g. <c>() => MyJsonContext.Default.MyInput</c>.
    /// A source-generated contract is built and configured when it is first read; deferring that keeps declaring and
    /// registering activities off the host's start-up path.
    /// </summary>
    /// <param name="name">The activity's name, unique within the registry and stable across deployments (it is written to history).</param>
    /// <param name="input">Returns the JSON contract of the input; called once, on first use.</param>
    /// <param name="output">Returns the JSON contract of the output; called once, on first use.</param>
    /// <param name="queue">The queue that carries this activity's work items; <see langword="null"/> for the task hub's default activity queue.</param>
    public ActivityRef(string name, Func<JsonTypeInfo<TInput>> input, Func<JsonTypeInfo<TOutput>> output, string? queue = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        Name = name;
        _input = input;
        _output = output;
        Queue = queue;
    }

    /// <summary>The activity's name.</summary>
    public string Name { get; }

    /// <summary>The JSON contract of the input.</summary>
    public JsonTypeInfo<TInput> Input => field ??= _input();

    /// <summary>The JSON contract of the output.</summary>
    public JsonTypeInfo<TOutput> Output => field ??= _output();

    /// <summary>The queue for this activity's work items, or <see langword="null"/> for the default.</summary>
    public string? Queue { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
