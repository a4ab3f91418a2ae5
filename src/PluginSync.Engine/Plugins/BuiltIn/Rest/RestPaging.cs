namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>How the <c>rest</c> plugin finds the pages after the first.</summary>
internal enum RestPaging
{
    /// <summary>The first page is the only page.</summary>
    None,

    /// <summary>Each page names the next page's URL in a top-level property.</summary>
    NextLink,

    /// <summary>Pages are numbered from 1 in a query parameter; the first empty page ends the run.</summary>
    Page,
}
