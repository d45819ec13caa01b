namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its callback at once on the reporting thread; unlike
/// <see cref="Progress{T}"/> it does not post to a synchronization context, so reports arrive in order.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
