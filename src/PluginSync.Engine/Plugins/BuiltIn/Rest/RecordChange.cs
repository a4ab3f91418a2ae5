namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>What writing one record's file did.</summary>
internal enum RecordChange
{
    /// <summary>The file did not exist and was written.</summary>
    Created,

    /// <summary>The file existed with other content and was replaced.</summary>
    Updated,

    /// <summary>The file already held exactly this content and was left alone.</summary>
    Unchanged,
}
