namespace CifarDemo;

/// <summary>A bad argument found after parsing (e.g. an option the trainer rejects); exit code <see cref="ExitCodes.BadArguments"/>.</summary>
internal sealed class DemoUsageException : Exception
{
    public DemoUsageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
