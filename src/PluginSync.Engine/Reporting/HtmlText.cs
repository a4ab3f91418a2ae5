using System.Text;

namespace PluginSync.Engine.Reporting;

/// <summary>Escapes text for HTML and SVG, in element content and in quoted attribute values alike.</summary>
internal static class HtmlText
{
    /// <summary>
    /// <paramref name="text"/> with the five markup characters escaped. Control characters other than tab and
    /// line breaks become U+FFFD, so the page stays well-formed markup whatever a plugin wrote in its message.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text!.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '"':
                    escaped.Append("&quot;");
                    break;
                case '\'':
                    escaped.Append("&#39;");
                    break;
                case '\t' or '\n' or '\r':
                    escaped.Append(c);
                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    escaped.Append('\uFFFD');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }
}
