using Microsoft.ML.Runtime;

namespace Microsoft.ML.EarlyStopping.Hosting;

/// <summary>
/// Cancellation from either source a user may use: the trainer's <see cref="CancellationToken"/> option, or ML.NET's
/// own cancellation of the environment (the flag its <c>CheckAlive</c> reads).
/// </summary>
internal sealed class TrainingCancellation
{
    private readonly IHostEnvironment _host;
    private readonly CancellationToken _token;

    public TrainingCancellation(IHostEnvironment host, CancellationToken token)
    {
        _host = host;
        _token = token;
    }

    public bool IsRequested => _token.IsCancellationRequested || EnvironmentAccess.IsCancellationRequested(_host);

    /// <summary>Throws <see cref="OperationCanceledException"/>, ML.NET's convention, when cancellation was requested.</summary>
    public void ThrowIfRequested()
    {
        if (IsRequested)
            throw new OperationCanceledException("Training was cancelled.", _token);
    }
}
