using System.Management.Automation;
using PluginSync.Engine.Errors;

namespace PluginSync.Commands;

/// <summary>Builds error records from engine errors: a stable id, a fitting category, the failing item.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(PluginSyncException exception) =>
        new(exception, exception.ErrorId, CategoryOf(exception.Kind), exception.Target);

    public static ErrorCategory CategoryOf(PluginSyncErrorKind kind) => kind switch
    {
        PluginSyncErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        PluginSyncErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        PluginSyncErrorKind.InvalidData => ErrorCategory.InvalidData,
        PluginSyncErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        PluginSyncErrorKind.SecurityError => ErrorCategory.SecurityError,
        _ => ErrorCategory.NotSpecified,
    };
}
