using System.CommandLine;

namespace Fleet.Cli.Commands;

/// <summary>The <c>-o/--output</c> option of the read commands: a human format first (the default), then <c>json</c>.</summary>
internal static class OutputOption
{
    public const string Json = "json";

    public static Option<string> Create(string humanFormat)
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = $"Output format: {humanFormat} or json (protobuf JSON, for jq)",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => humanFormat,
        };
        option.AcceptOnlyFromAmong(humanFormat, Json);
        return option;
    }
}
