using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PluginSync.Samples.CsvSync;

/// <summary>
/// Renders a row as a JSON object whose properties are the columns, in header order, each value a string.
/// The text is the same for the same row on every platform (two-space indent, <c>\n</c> line ends), so comparing
/// it with a file's content tells whether the row changed.
/// </summary>
internal static class JsonRecord
{
    /// <summary>The JSON text of one row.</summary>
    public static string Render(IReadOnlyList<string> header, IReadOnlyList<string> fields)
    {
        var json = new StringBuilder("{\n");
        for (var i = 0; i < header.Count; i++)
        {
            json.Append("  ");
            AppendString(json, header[i]);
            json.Append(": ");
            AppendString(json, fields[i]);
            json.Append(i < header.Count - 1 ? ",\n" : "\n");
        }

        return json.Append("}\n").ToString();
    }

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                case < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }
}
