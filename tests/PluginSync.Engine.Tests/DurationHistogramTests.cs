using System;
using System.Linq;
using PluginSync.Engine.History;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>The log-scale duration histogram behind the median and p95 of the statistics.</summary>
public sealed class DurationHistogramTests
{
    [Fact]
    public void EveryBucketStandsForAValueWithinTwoAndAHalfPercentOfItsBounds()
    {
        for (var bucket = 1; bucket < DurationHistogram.BucketCount - 1; bucket++)
        {
            var lower = Math.Pow(DurationHistogram.Growth, bucket - 1);
            var upper = Math.Pow(DurationHistogram.Growth, bucket);
            var value = DurationHistogram.ValueOf(bucket).TotalMilliseconds;

            Assert.InRange(value, lower, upper);
            Assert.True(value / lower - 1 <= 0.025, $"bucket {bucket}: {value} is too far above {lower}");
            Assert.True(1 - value / upper <= 0.025, $"bucket {bucket}: {value} is too far below {upper}");
        }
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.9, 0)]
    [InlineData(1.0, 1)]
    [InlineData(1.04, 1)]
    [InlineData(1.06, 2)]
    [InlineData(-5.0, 0)]
    public void CountsADurationInTheBucketThatHoldsIt(double milliseconds, int expected)
    {
        Assert.Equal(expected, DurationHistogram.BucketOf(TimeSpan.FromTicks((long)(milliseconds * 10_000))));
    }

    [Fact]
    public void CountsRunsLongerThanAMonthInTheLastBucket()
    {
        var bucket = DurationHistogram.BucketOf(TimeSpan.FromDays(400));

        Assert.Equal(DurationHistogram.BucketCount - 1, bucket);
        Assert.True(DurationHistogram.ValueOf(bucket) > TimeSpan.FromDays(30));
    }

    [Fact]
    public void ReadsEveryDurationFromOneMillisecondToThirtyDaysBackWithinTwoAndAHalfPercent()
    {
        for (var milliseconds = 1.0; milliseconds < TimeSpan.FromDays(30).TotalMilliseconds; milliseconds *= 1.013)
        {
            var duration = TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond));
            var read = DurationHistogram.ValueOf(DurationHistogram.BucketOf(duration));

            var error = Math.Abs(read.Ticks - duration.Ticks) / (double)duration.Ticks;
            Assert.True(error <= 0.025, $"{duration} read back as {read}, off by {error:P2}");
        }
    }

    [Fact]
    public void PercentilesUseTheNearestRank()
    {
        var histogram = new DurationHistogram();
        foreach (var seconds in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 100 })
        {
            histogram.Add(TimeSpan.FromSeconds(seconds));
        }

        // Rank 5 of 10 is the median, rank 10 the 95th percentile (ceiling of 9.5).
        AssertClose(TimeSpan.FromSeconds(5), histogram.Percentile(50)!.Value);
        AssertClose(TimeSpan.FromSeconds(100), histogram.Percentile(95)!.Value);
        AssertClose(TimeSpan.FromSeconds(1), histogram.Percentile(1)!.Value);
    }

    [Fact]
    public void AnEmptyHistogramHasNoPercentile()
    {
        Assert.Null(new DurationHistogram().Percentile(50));
    }

    [Fact]
    public void ZeroDurationsReadBackAsZero()
    {
        var histogram = new DurationHistogram();
        histogram.Add(TimeSpan.Zero);
        histogram.Add(TimeSpan.Zero);
        histogram.Add(TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.Zero, histogram.Percentile(50));
    }

    [Fact]
    public void HistogramsAddUpAndSurviveTheirStoredForm()
    {
        var first = new DurationHistogram();
        var second = new DurationHistogram();
        foreach (var i in Enumerable.Range(1, 40))
        {
            (i % 2 == 0 ? first : second).Add(TimeSpan.FromMilliseconds(i * 37));
        }

        var stored = DurationHistogram.FromDocument(first.ToDocument());
        stored.Add(DurationHistogram.FromDocument(second.ToDocument()));

        Assert.Equal(40, stored.Count);
        AssertClose(TimeSpan.FromMilliseconds(20 * 37), stored.Percentile(50)!.Value);
        AssertClose(TimeSpan.FromMilliseconds(38 * 37), stored.Percentile(95)!.Value);
    }

    [Fact]
    public void RefusesAPercentileOutsideOneToAHundred()
    {
        var histogram = new DurationHistogram();

        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Percentile(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Percentile(101));
    }

    private static void AssertClose(TimeSpan expected, TimeSpan actual)
    {
        var error = Math.Abs(actual.Ticks - expected.Ticks) / (double)expected.Ticks;
        Assert.True(error <= 0.025, $"expected {expected} within 2.5%, got {actual} ({error:P2} off)");
    }
}
