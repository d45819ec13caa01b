namespace Microsoft.ML.EarlyStopping.Tracking.Neptune;

/// <summary>
/// The wire protocol under <see cref="NeptuneSink"/>. The built-in transport speaks the 2.x JSON protocol of self-hosted
/// Neptune servers; a transport for the 3.x protobuf ingest protocol can be plugged in through <see cref="NeptuneSinkOptions.Transport"/>.
/// </summary>
public interface INeptuneTransport : IAsyncDisposable
{
    /// <summary>The most operations one <see cref="ExecuteAsync"/> call may carry.</summary>
    int MaxOperationsPerRequest { get; }

    /// <summary>Creates the run or, when a run with <paramref name="customId"/> exists in the project, returns that one (idempotent).</summary>
    /// <param name="project">The project, <c>workspace/project</c>.</param>
    /// <param name="customId">The idempotency key, at most 36 characters.</param>
    /// <param name="warn">Receives warnings (rate limiting).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="TrackingSinkException">The call failed; its kind says what that means.</exception>
    Task<NeptuneRunInfo> CreateRunAsync(string project, string customId, Action<string> warn, CancellationToken cancellationToken);

    /// <summary>Applies operations to a run and returns the operations the server refused (empty when all were accepted).</summary>
    /// <param name="runId">The run's id from <see cref="CreateRunAsync"/>.</param>
    /// <param name="operations">The operations, in order.</param>
    /// <param name="warn">Receives warnings (rate limiting).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="TrackingSinkException">The call failed as a whole; its kind says what that means.</exception>
    Task<IReadOnlyList<NeptuneOperationError>> ExecuteAsync(string runId, IReadOnlyList<NeptuneOperation> operations, Action<string> warn, CancellationToken cancellationToken);
}
