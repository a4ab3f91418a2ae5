using System;
using System.Collections.Generic;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// A value axis from 0 to a round top, with about five ticks at round steps (1, 2, 2.5 or 5 times a power of
/// ten), so that a reader can read values off the grid.
/// </summary>
internal sealed class NiceScale
{
    private const int TargetTicks = 5;

    private NiceScale(double top, IReadOnlyList<double> ticks)
    {
        Top = top;
        Ticks = ticks;
    }

    /// <summary>The value at the top of the axis; never below the largest value.</summary>
    public double Top { get; }

    /// <summary>The tick values, from 0 to <see cref="Top"/>.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>A scale that holds <paramref name="max"/>; with <paramref name="whole"/>, ticks are whole
    /// numbers, as counts of runs must be.</summary>
    public static NiceScale For(double max, bool whole)
    {
        if (double.IsNaN(max) || double.IsInfinity(max) || max <= 0)
        {
            max = 1;
        }

        var rough = max / TargetTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var residual = rough / magnitude;
        var nice = residual switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 2.5 when !whole => 2.5,
            <= 5 => 5,
            _ => 10,
        };

        var step = nice * magnitude;
        if (whole)
        {
            step = Math.Max(1, Math.Ceiling(step));
        }

        // The small allowance keeps a maximum that is already on a step (10 with a step of 2) from adding a step.
        var count = (int)Math.Ceiling(max / step - 1e-9);
        var ticks = new List<double>();
        for (var i = 0; i <= count; i++)
        {
            ticks.Add(i * step);
        }

        return new NiceScale(count * step, ticks);
    }
}
