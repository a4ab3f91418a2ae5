using System;
using System.Linq;
using PluginSync.Engine.Reporting;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class NiceScaleTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    [InlineData(7, 8)]
    [InlineData(10, 10)]
    [InlineData(37, 40)]
    [InlineData(1234, 1500)]
    public void CountsGoUpInWholeRoundStepsToATopThatHoldsTheLargestCount(double max, double top)
    {
        var scale = NiceScale.For(max, whole: true);

        Assert.Equal(top, scale.Top);
        Assert.Equal(0, scale.Ticks[0]);
        Assert.Equal(top, scale.Ticks[scale.Ticks.Count - 1]);
        Assert.All(scale.Ticks, t => Assert.Equal(Math.Round(t), t));
        Assert.InRange(scale.Ticks.Count, 2, 11);
    }

    [Theory]
    [InlineData(0.37, 0.4)]
    [InlineData(1.03, 1.25)]
    [InlineData(12.5, 12.5)]
    public void DurationsMayUseFractionalSteps(double max, double top)
    {
        var scale = NiceScale.For(max, whole: false);

        Assert.Equal(top, scale.Top, 9);
        var steps = scale.Ticks.Zip(scale.Ticks.Skip(1), (a, b) => Math.Round(b - a, 9)).Distinct();
        Assert.Single(steps);
    }

    [Fact]
    public void AnEmptyOrZeroMaximumStillGivesAnAxis()
    {
        var scale = NiceScale.For(0, whole: true);

        Assert.Equal(1, scale.Top);
        Assert.Equal(new double[] { 0, 1 }, scale.Ticks);
    }

    [Fact]
    public void The95thPercentileOfOneDurationIsThatDuration()
    {
        var one = new[] { TimeSpan.FromSeconds(3) };

        Assert.Equal(TimeSpan.FromSeconds(3), DurationStatistics.Percentile95(one));
        Assert.Equal(TimeSpan.FromSeconds(3), DurationStatistics.Median(one));
        Assert.Null(DurationStatistics.Median(Array.Empty<TimeSpan>()));
    }
}
