using System.Collections.Generic;

namespace PluginSync.Samples.CsvSync;

/// <summary>One row of a CSV file: its fields, and the line it starts on, for messages.</summary>
internal sealed class CsvRecord
{
    /// <summary>Records one row.</summary>
    /// <param name="lineNumber">The line the row starts on, counting from 1.</param>
    /// <param name="fields">The row's fields, unquoted.</param>
    public CsvRecord(int lineNumber, IReadOnlyList<string> fields)
    {
        LineNumber = lineNumber;
        Fields = fields;
    }

    /// <summary>The line the row starts on, counting from 1. A quoted field may span several lines.</summary>
    public int LineNumber { get; }

    /// <summary>The row's fields, unquoted.</summary>
    public IReadOnlyList<string> Fields { get; }
}
