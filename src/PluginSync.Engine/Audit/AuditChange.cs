namespace PluginSync.Engine.Audit;

/// <summary>One field an audited change touched. Credential values never appear: only whether one is set.</summary>
public sealed class AuditChange
{
    public AuditChange(string field, string? before, string? after)
    {
        Field = field;
        Before = before;
        After = after;
    }

    /// <summary>The field, for example <c>Setting batch_size</c> or <c>Credential api_key</c>.</summary>
    public string Field { get; }

    /// <summary>The value before the change, or null when there was none.</summary>
    public string? Before { get; }

    /// <summary>The value after the change, or null when there is none.</summary>
    public string? After { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Before ?? "(none)"} -> {After ?? "(none)"}";
}
