namespace Serverless.Orders.Saga;

/// <summary>
/// The saga helper: after each step succeeds, register what undoes it; when a later step fails, run the registered
/// compensations in reverse order. Every compensation is attempted even if an earlier one fails.
/// </summary>
internal sealed class Compensations
{
    private readonly Stack<(string Name, Func<Task> Compensate)> _steps = new();

    /// <summary>How many compensations are registered and not yet run.</summary>
    public int Count => _steps.Count;

    /// <summary>
    /// Registers <paramref name="compensate"/> (for example an activity call) to undo the step <paramref name="name"/>.
    /// </summary>
    public void Add(string name, Func<Task> compensate) => _steps.Push((name, compensate));

    /// <summary>
    /// Runs the compensations last-registered first. Throws <see cref="AggregateException"/> with every compensation
    /// failure after all have been attempted.
    /// </summary>
    public async Task CompensateAsync()
    {
        List<Exception>? failures = null;
        while (_steps.TryPop(out var step))
        {
            try
            {
                await step.Compensate();
            }
            catch (Exception exception)
            {
                (failures ??= []).Add(new InvalidOperationException(
                    $"Compensation '{step.Name}' failed: {exception.Message}",
                    exception));
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("One or more compensations failed.", failures);
        }
    }
}
