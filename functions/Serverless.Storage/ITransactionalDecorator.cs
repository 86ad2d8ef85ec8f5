namespace Serverless.Storage;

/// <summary>A provider that decorates another and is transactional exactly when the one it decorates is.</summary>
internal interface ITransactionalDecorator : ITransactionalStorage
{
    /// <summary>Whether the decorated provider applies batches and sends atomically.</summary>
    bool IsTransactional { get; }
}
