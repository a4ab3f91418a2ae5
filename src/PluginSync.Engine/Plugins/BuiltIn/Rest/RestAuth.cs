namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>How the <c>rest</c> plugin proves who it is to the API.</summary>
internal enum RestAuth
{
    /// <summary>No credential is sent.</summary>
    None,

    /// <summary>The credential <c>token</c> is sent as <c>Authorization: Bearer ...</c>.</summary>
    Bearer,

    /// <summary>The credential <c>api_key</c> is sent in the header named by <c>ApiKeyHeader</c>.</summary>
    ApiKey,
}
