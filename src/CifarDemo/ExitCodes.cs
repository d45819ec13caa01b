namespace CifarDemo;

/// <summary>The process exit codes, documented in docs/demo.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Training, evaluation or saving failed for a reason other than the arguments or the data.</summary>
    public const int Failure = 1;

    /// <summary>Unknown verb or option, a value out of range, or options that contradict each other.</summary>
    public const int BadArguments = 2;

    /// <summary>The data or model is missing, unreadable or corrupt, or the download failed.</summary>
    public const int DataError = 3;

    /// <summary>Stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
