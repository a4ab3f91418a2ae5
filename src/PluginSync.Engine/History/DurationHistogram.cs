using System;
using System.Linq;
using LiteDB;

namespace PluginSync.Engine.History;

/// <summary>
/// Run durations counted in buckets that grow by 5% each. Bucket 0 holds runs shorter than a millisecond; bucket
/// <c>k</c> (from 1) holds durations from 1.05^(k-1) up to 1.05^k milliseconds, which reaches about 31 days; longer
/// runs share the last bucket. A bucket stands for the geometric middle of its bounds, within 2.5% of every
/// duration in it, so a median or 95th percentile read from the buckets is within 2.5% of the exact one.
/// Histograms of different days add up bucket by bucket, which is what lets daily rollups answer for a year.
/// </summary>
internal sealed class DurationHistogram
{
    /// <summary>How much wider each bucket is than the one before it.</summary>
    internal const double Growth = 1.05;

    /// <summary>Bucket 0, the buckets up to 1.05^445 ms (about 31 days), and one for everything longer.</summary>
    internal const int BucketCount = 447;

    private const string BucketsField = "Buckets";
    private const string CountsField = "Counts";
    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly long[] _counts = new long[BucketCount];

    /// <summary>How many durations were counted.</summary>
    public long Count { get; private set; }

    /// <summary>The bucket that counts <paramref name="duration"/>; a negative duration counts as zero.</summary>
    public static int BucketOf(TimeSpan duration)
    {
        var milliseconds = duration.TotalMilliseconds;
        if (milliseconds < 1)
        {
            return 0;
        }

        var bucket = (int)Math.Floor(Math.Log(milliseconds) / LogGrowth) + 1;
        return Math.Min(Math.Max(bucket, 1), BucketCount - 1);
    }

    /// <summary>The duration bucket <paramref name="bucket"/> stands for: the geometric middle of its bounds.</summary>
    public static TimeSpan ValueOf(int bucket)
    {
        if (bucket <= 0)
        {
            return TimeSpan.Zero;
        }

        var milliseconds = Math.Pow(Growth, bucket - 0.5);
        return TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
    }

    /// <summary>Counts one duration.</summary>
    public void Add(TimeSpan duration) => Add(BucketOf(duration), 1);

    /// <summary>Adds every count of <paramref name="other"/>.</summary>
    public void Add(DurationHistogram other)
    {
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            _counts[bucket] += other._counts[bucket];
        }

        Count += other.Count;
    }

    /// <summary>
    /// The duration at <paramref name="percent"/> by nearest rank: the smallest counted duration that at least
    /// that percentage of the counted durations do not exceed (for 50 and an even count, the lower middle one).
    /// Null when nothing was counted.
    /// </summary>
    public TimeSpan? Percentile(int percent)
    {
        if (percent < 1 || percent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile is from 1 to 100.");
        }

        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (Count * percent + 99) / 100);
        long seen = 0;
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            seen += _counts[bucket];
            if (seen >= rank)
            {
                return ValueOf(bucket);
            }
        }

        return ValueOf(BucketCount - 1);
    }

    /// <summary>The histogram as stored: the buckets that counted something, and their counts.</summary>
    public BsonDocument ToDocument()
    {
        var used = Enumerable.Range(0, BucketCount).Where(b => _counts[b] > 0).ToList();
        return new BsonDocument
        {
            [BucketsField] = new BsonArray(used.Select(b => new BsonValue(b))),
            [CountsField] = new BsonArray(used.Select(b => new BsonValue(_counts[b]))),
        };
    }

    /// <summary>A histogram read back from <see cref="ToDocument"/>'s form; an empty one for a missing value.</summary>
    public static DurationHistogram FromDocument(BsonValue value)
    {
        var histogram = new DurationHistogram();
        if (!value.IsDocument)
        {
            return histogram;
        }

        var buckets = value[BucketsField].AsArray;
        var counts = value[CountsField].AsArray;
        for (var i = 0; i < Math.Min(buckets.Count, counts.Count); i++)
        {
            histogram.Add(buckets[i].AsInt32, counts[i].AsInt64);
        }

        return histogram;
    }

    private void Add(int bucket, long count)
    {
        _counts[Math.Min(Math.Max(bucket, 0), BucketCount - 1)] += count;
        Count += count;
    }
}
