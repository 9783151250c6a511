namespace Fleet.Deploy.Tests;

/// <summary>
/// A Dockerfile read into stages. Enough of the syntax for Fleet's own files: comments, line
/// continuations, exec and shell forms; no parser directives beyond the leading <c># syntax=</c>.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage that becomes the image.</summary>
    public DockerStage Final => Stages[^1];

    public string Text => File.ReadAllText(Path);

    public static Dockerfile Load(string path)
    {
        var stages = new List<DockerStage>();
        string? baseImage = null;
        string? stageName = null;
        var instructions = new List<DockerInstruction>();

        foreach (var instruction in ReadInstructions(path))
        {
            if (instruction.Keyword == "FROM")
            {
                if (baseImage is not null)
                {
                    stages.Add(new DockerStage(baseImage, stageName, instructions));
                }

                var operands = instruction.Operands;
                baseImage = operands[0];
                stageName = operands.Count >= 3 && operands[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? operands[2] : null;
                instructions = [];
                continue;
            }

            instructions.Add(instruction);
        }

        if (baseImage is not null)
        {
            stages.Add(new DockerStage(baseImage, stageName, instructions));
        }

        return new Dockerfile(path, stages);
    }

    private static IEnumerable<DockerInstruction> ReadInstructions(string path)
    {
        var pending = new List<string>();
        foreach (var rawLine in File.ReadLines(path))
        {
            var line = rawLine.Trim();
            // Comment lines end nothing: Docker drops them even between continuation lines.
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Add(line[..^1].Trim());
                continue;
            }

            pending.Add(line);
            var joined = string.Join(' ', pending);
            pending.Clear();
            var space = joined.IndexOfAny([' ', '\t']);
            yield return space < 0
                ? new DockerInstruction(joined.ToUpperInvariant(), string.Empty)
                : new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim());
        }
    }
}
