using System.Text;
using System.Text.Json;
using Google.Protobuf;

namespace Fleet.Cli.Output;

/// <summary>
/// Protobuf's canonical JSON mapping (lowerCamelCase fields, enum names, RFC 3339 timestamps),
/// indented for people, with fields at their default value written out so that scripts always
/// find them (<c>jq '.workloads[] | .state'</c>).
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static void Write(IMessage message, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Format(message));
    }

    public static string Format(IMessage message)
    {
        using var document = JsonDocument.Parse(Formatter.Format(message));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
