namespace CifarDemo.Training;

/// <summary>
/// The --quick smoke run: about a minute on a 2-core CPU, data loading included (plus about a minute the first time a
/// 50,000-image archive is extracted), and enough training to show the model learning (about 40% test accuracy).
/// </summary>
internal static class QuickProfile
{
    public const int MaxPerClass = 200;
    public const int MaxEpochs = 4;
    public const int BatchSize = 64;
    public const int NetworkWidth = 16;
}
