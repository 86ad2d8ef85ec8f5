namespace Serverless.Storage;

/// <summary>
/// A provider that decorates another and is transactional exactly when the one it decorates is (the queue runtime's
/// lease-gated and signalling decorators); <see cref="TransactionalStorageExtensions.AsTransactional"/> asks it.
/// </summary>
public interface ITransactionalDecorator : ITransactionalStorage
{
    /// <summary>Whether the decorated provider applies batches and sends atomically.</summary>
    bool IsTransactional { get; }
}
