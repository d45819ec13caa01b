using CifarDemo;
using Spectre.Console;

using var cancellation = new ConsoleCancellation(AnsiConsole.Console);
return DemoApp.Run(args, AnsiConsole.Console, cancellation.Token);
