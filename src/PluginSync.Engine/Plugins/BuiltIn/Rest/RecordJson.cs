using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>
/// Writes a record as indented JSON that depends only on the record's content: properties are ordered by name,
/// so an API that reorders them between runs does not turn an unchanged record into an update.
/// </summary>
internal static class RecordJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // The files are read by people and tools, never embedded in HTML, so accented letters stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly byte[] LineEnd = Encoding.UTF8.GetBytes(Environment.NewLine);

    /// <summary>The file content for <paramref name="record"/>: UTF-8 without a byte order mark.</summary>
    public static byte[] Serialize(JsonElement record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, record);
        }

        buffer.Write(LineEnd, 0, LineEnd.Length);
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
