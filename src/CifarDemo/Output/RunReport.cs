using CifarDemo.Evaluation;
using CifarDemo.View;
using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.Output;

/// <summary>Everything report.md says about a run.</summary>
/// <param name="RunName">The run folder's name.</param>
/// <param name="Plan">Data, sets and settings.</param>
/// <param name="History">Every finished epoch.</param>
/// <param name="Outcome">Why training ended and which weights were kept.</param>
/// <param name="Cancelled">True when the run was stopped with Ctrl+C.</param>
/// <param name="Evaluation">Test results, or null when the run was cancelled before the test.</param>
/// <param name="TotalTime">Wall-clock time of the whole run.</param>
/// <param name="Files">The files of the run folder.</param>
internal sealed record RunReport(
    string RunName, RunPlan Plan, IReadOnlyList<EpochMetrics> History, string Outcome, bool Cancelled,
    EvaluationResult? Evaluation, TimeSpan TotalTime, IReadOnlyList<string> Files);
