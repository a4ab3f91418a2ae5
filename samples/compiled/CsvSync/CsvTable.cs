using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace PluginSync.Samples.CsvSync;

/// <summary>
/// A CSV file read as a header and rows, as RFC 4180 describes it: a field may be quoted with <c>"</c>, a quoted
/// field may hold the delimiter, line breaks and doubled quotes (<c>""</c>). Empty lines are skipped.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<CsvRecord> rows)
    {
        Header = header;
        Rows = rows;
    }

    /// <summary>The column names, from the first line.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The rows after the header.</summary>
    public IReadOnlyList<CsvRecord> Rows { get; }

    /// <summary>Reads the whole of <paramref name="reader"/>.</summary>
    /// <exception cref="InvalidDataException">The file has no header, or a column name twice.</exception>
    public static CsvTable Read(TextReader reader, char delimiter, CancellationToken cancellationToken)
    {
        var records = ReadRecords(reader, delimiter, cancellationToken).ToList();
        if (records.Count == 0)
        {
            throw new InvalidDataException("The CSV file is empty; its first line must name the columns.");
        }

        var header = records[0].Fields.Select(name => name.Trim()).ToList();
        var repeated = header.GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidDataException($"The CSV header names the column '{repeated.Key}' twice.");
        }

        return new CsvTable(header, records.Skip(1).ToList());
    }

    /// <summary>Reads only the first line's column names, for a check that should not read a large file.</summary>
    public static IReadOnlyList<string> ReadHeader(TextReader reader, char delimiter)
    {
        var first = ReadRecords(reader, delimiter, CancellationToken.None).FirstOrDefault();
        return first is null ? Array.Empty<string>() : first.Fields.Select(name => name.Trim()).ToArray();
    }

    /// <summary>The index of <paramref name="column"/> in the header, compared without regard to case, or -1.</summary>
    public int IndexOf(string column) => IndexOf(Header, column);

    /// <summary>The index of <paramref name="column"/> in <paramref name="header"/>, or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<CsvRecord> ReadRecords(TextReader reader, char delimiter, CancellationToken token)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldWasQuoted = false;
        var line = 1;
        var recordLine = 1;

        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0 && !fieldWasQuoted)
            {
                quoted = true;
                fieldWasQuoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldWasQuoted = false;
            }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
                {
                    token.ThrowIfCancellationRequested();
                    fields.Add(field.ToString());
                    yield return new CsvRecord(recordLine, fields.ToArray());
                }

                fields.Clear();
                field.Clear();
                fieldWasQuoted = false;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"The quoted field that starts on line {recordLine} is never closed.");
        }

        if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }
}
