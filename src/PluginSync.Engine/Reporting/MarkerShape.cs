namespace PluginSync.Engine.Reporting;

/// <summary>The shape of the points on a duration line.</summary>
internal enum MarkerShape
{
    /// <summary>A circle.</summary>
    Circle,

    /// <summary>A square.</summary>
    Square,

    /// <summary>A triangle pointing up.</summary>
    Triangle,

    /// <summary>A diamond.</summary>
    Diamond,
}
