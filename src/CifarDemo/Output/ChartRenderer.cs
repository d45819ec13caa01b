using System.Globalization;
using CifarDemo.Evaluation;
using Microsoft.ML.EarlyStopping.Training;
using ScottPlot;

namespace CifarDemo.Output;

/// <summary>
/// Draws the run's pictures with ScottPlot: loss and accuracy per epoch (training and validation, with the best epoch
/// and the early-stopping epoch marked) and the test confusion matrix.
/// </summary>
internal static class ChartRenderer
{
    public const int CurveWidth = 900;
    public const int CurveHeight = 560;
    public const int ConfusionWidth = 820;
    public const int ConfusionHeight = 720;

    // ScottPlot picks the first installed font, often a serif one; prefer a sans-serif face when the machine has one.
    private static readonly string? SansFont = new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans" }
        .FirstOrDefault(name => SkiaSharp.SKFontManager.Default.FontFamilies.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>False when the machine has no fonts at all: the charts are still drawn, but without any text.</summary>
    public static bool CanDrawText => SkiaSharp.SKFontManager.Default.FontFamilies.Any();

    /// <summary>Markers drawn on the curves.</summary>
    /// <param name="BestEpoch">The epoch early stopping judged best, if any.</param>
    /// <param name="WeightsEpoch">The epoch whose weights the model keeps.</param>
    /// <param name="StoppedEpoch">The epoch training stopped early in (early stopping or cancellation), if it did.</param>
    /// <param name="Cancelled">True when the stop was a cancellation (Ctrl+C) rather than early stopping.</param>
    public sealed record Markers(int? BestEpoch, int WeightsEpoch, int? StoppedEpoch, bool Cancelled = false);

    public static void RenderLoss(string path, IReadOnlyList<EpochMetrics> history, Markers markers) =>
        RenderCurves(path, "Loss per epoch", "loss (cross-entropy)", history, markers,
            [("training", m => m.TrainingLoss), ("validation", m => m.ValidationLoss)], Alignment.UpperRight);

    public static void RenderAccuracy(string path, IReadOnlyList<EpochMetrics> history, Markers markers) =>
        RenderCurves(path, "Accuracy per epoch", "accuracy (%)", history, markers,
            [("training", m => 100 * m.TrainingAccuracy), ("validation", m => 100 * m.ValidationAccuracy)], Alignment.LowerRight);

    private static void RenderCurves(
        string path, string title, string yLabel, IReadOnlyList<EpochMetrics> history, Markers markers,
        (string Name, Func<EpochMetrics, double?> Value)[] series, Alignment legend)
    {
        using var plot = NewPlot();
        Color[] colors = [Colors.Blue, Colors.OrangeRed];
        for (int i = 0; i < series.Length; i++)
        {
            EpochMetrics[] points = history.Where(m => series[i].Value(m) is double v && double.IsFinite(v)).ToArray();
            if (points.Length == 0)
                continue;
            var line = plot.Add.Scatter(points.Select(m => (double)m.Epoch).ToArray(), points.Select(m => series[i].Value(m)!.Value).ToArray(), colors[i]);
            line.LegendText = series[i].Name;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        if (markers.BestEpoch is int best)
        {
            string kept = best == markers.WeightsEpoch ? ", weights kept" : "";
            var line = plot.Add.VerticalLine(best, 2, Colors.Green, LinePattern.Dashed);
            line.LegendText = $"best epoch {best}{kept}";
        }
        if (markers.StoppedEpoch is int stopped)
        {
            var line = plot.Add.VerticalLine(stopped, 2, Colors.Gray, LinePattern.Dotted);
            line.LegendText = markers.Cancelled ? $"cancelled in epoch {stopped}" : $"early stopping at epoch {stopped}";
        }

        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        int last = Math.Max(1, history.Count == 0 ? 1 : history.Max(m => m.Epoch));
        plot.Axes.SetLimitsX(0.5, Math.Max(last, markers.StoppedEpoch ?? 0) + 0.5);
        // Losses fall and accuracies rise, so the legend goes where the curves usually are not.
        plot.ShowLegend(legend);
        plot.SavePng(path, CurveWidth, CurveHeight);
    }

    /// <summary>The confusion matrix: one row per true class, one column per predicted class, coloured by the share of the row.</summary>
    public static void RenderConfusion(string path, EvaluationResult result, string title)
    {
        int n = result.ClassNames.Count;
        using var plot = NewPlot();
        // Colour by the share of the true class, so small classes read the same. Heatmap rows are drawn top to bottom,
        // and ScottPlot's Blues runs from dark (0) to white (1), hence 1 - share: the more images, the darker.
        var shares = new double[n, n];
        var shades = new double[n, n];
        for (int actual = 0; actual < n; actual++)
        {
            double total = Math.Max(1, result.Confusion[actual].Sum());
            for (int predicted = 0; predicted < n; predicted++)
            {
                shares[actual, predicted] = result.Confusion[actual][predicted] / total;
                shades[actual, predicted] = 1 - shares[actual, predicted];
            }
        }
        var heatmap = plot.Add.Heatmap(shades);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues();
        heatmap.Extent = new CoordinateRect(0, n - 1, 0, n - 1); // the centres of the corner cells
        heatmap.ManualRange = new ScottPlot.Range(0, 1);

        for (int actual = 0; actual < n; actual++)
        {
            for (int predicted = 0; predicted < n; predicted++)
            {
                var label = plot.Add.Text(result.Confusion[actual][predicted].ToString(CultureInfo.InvariantCulture), predicted, n - 1 - actual);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = n > 12 ? 9 : 13;
                label.LabelFontColor = shares[actual, predicted] > 0.5 ? Colors.White : Colors.Black;
            }
        }

        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, result.ClassNames.ToArray());
        plot.Axes.Left.SetTicks(positions, result.ClassNames.Reverse().ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Title(title);
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        plot.Grid.IsVisible = false;
        plot.SavePng(path, ConfusionWidth, ConfusionHeight);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        if (SansFont is not null)
            plot.Font.Set(SansFont);
        return plot;
    }
}
