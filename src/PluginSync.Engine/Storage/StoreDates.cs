using System;
using LiteDB;

namespace PluginSync.Engine.Storage;

/// <summary>Dates are stored as UTC and always read back as UTC, whatever the store's date pragma says.</summary>
internal static class StoreDates
{
    public static DateTime Read(BsonValue value) => Normalize(value.AsDateTime);

    public static DateTime? ReadOptional(BsonValue value) => value.IsNull ? null : Normalize(value.AsDateTime);

    /// <summary>The store keeps milliseconds; a time kept in memory is cut the same way, so both agree.</summary>
    public static DateTime TruncateToStorePrecision(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, value.Kind);

    public static DateTime Normalize(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
