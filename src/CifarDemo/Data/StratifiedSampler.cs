namespace CifarDemo.Data;

/// <summary>Seeded, per-class choices of rows: a held-out part in the same class proportions, and per-class caps.</summary>
internal static class StratifiedSampler
{
    /// <summary>
    /// Puts round(<paramref name="fraction"/> × class size) rows of every class into the held-out part (at least one
    /// when the class has two or more rows, never all of them), chosen by a shuffle seeded with <paramref name="seed"/>.
    /// </summary>
    /// <returns>For every row, whether it is held out.</returns>
    public static bool[] HoldOut(IReadOnlyList<string> labels, double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must be strictly between 0 and 1.");
        var heldOut = new bool[labels.Count];
        var random = new Random(seed);
        foreach (int[] rows in ShuffledByClass(labels, Enumerable.Range(0, labels.Count), random))
        {
            int take = (int)Math.Round(fraction * rows.Length, MidpointRounding.AwayFromZero);
            take = Math.Clamp(take, rows.Length >= 2 ? 1 : 0, Math.Max(rows.Length - 1, 0));
            foreach (int row in rows.Take(take))
                heldOut[row] = true;
        }
        return heldOut;
    }

    /// <summary>Keeps at most <paramref name="maxPerClass"/> of the <paramref name="selected"/> rows of every class, chosen by a seeded shuffle.</summary>
    /// <returns>For every row, whether it is kept.</returns>
    public static bool[] Limit(IReadOnlyList<string> labels, IReadOnlyList<bool> selected, int maxPerClass, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerClass, 1);
        var kept = new bool[labels.Count];
        var random = new Random(seed);
        foreach (int[] rows in ShuffledByClass(labels, Enumerable.Range(0, labels.Count).Where(i => selected[i]), random))
        {
            foreach (int row in rows.Take(maxPerClass))
                kept[row] = true;
        }
        return kept;
    }

    // Classes in ordinal order of their names, so the choice depends only on the data and the seed.
    private static IEnumerable<int[]> ShuffledByClass(IReadOnlyList<string> labels, IEnumerable<int> rows, Random random)
    {
        foreach (IGrouping<string, int> group in rows.GroupBy(i => labels[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int[] shuffled = group.ToArray();
            random.Shuffle(shuffled);
            yield return shuffled;
        }
    }
}
