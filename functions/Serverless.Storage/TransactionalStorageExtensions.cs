namespace Serverless.Storage;

/// <summary>Finds the <see cref="ITransactionalStorage"/> capability of a provider.</summary>
public static class TransactionalStorageExtensions
{
    /// <summary>
    /// The provider as <see cref="ITransactionalStorage"/>, or <see langword="null"/> when it cannot write tables and
    /// queues atomically.
    /// </summary>
    public static ITransactionalStorage? AsTransactional(this IStorageProvider provider) => provider switch
    {
        ITransactionalDecorator decorator => decorator.IsTransactional ? decorator : null,
        ITransactionalStorage transactional => transactional,
        _ => null,
    };
}
