using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CifarDemo.View;

/// <summary>A progress column showing the task's speed as images per second (the task counts images).</summary>
internal sealed class ImagesPerSecondColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Markup(task.Speed is double speed && speed > 0
            ? string.Create(CultureInfo.InvariantCulture, $"[grey]{speed,6:F0} img/s[/]")
            : "");
}
