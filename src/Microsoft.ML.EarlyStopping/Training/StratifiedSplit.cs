namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Seeded, stratified split of row indices into a training part and a validation part.</summary>
internal static class StratifiedSplit
{
    /// <summary>
    /// Puts round(fraction × class size) rows of every class (at least one where the class has two or more rows) into
    /// validation, chosen by a seeded shuffle, so every class is represented in the same proportion on both sides.
    /// </summary>
    /// <returns>Sorted training indices and sorted validation indices.</returns>
    public static (int[] Train, int[] Validation) Split(IReadOnlyList<int> labels, int classCount, double fraction, int seed)
    {
        if (fraction <= 0 || fraction >= 1 || double.IsNaN(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be strictly between 0 and 1.");

        var byClass = new List<int>[classCount];
        for (int c = 0; c < classCount; c++)
            byClass[c] = new List<int>();
        for (int i = 0; i < labels.Count; i++)
            byClass[labels[i]].Add(i);

        var random = new Random(seed);
        var train = new List<int>(labels.Count);
        var validation = new List<int>();
        foreach (List<int> rows in byClass)
        {
            int[] shuffled = rows.ToArray();
            random.Shuffle(shuffled);
            int take = (int)Math.Round(fraction * shuffled.Length, MidpointRounding.AwayFromZero);
            if (take == 0 && shuffled.Length >= 2)
                take = 1;
            if (take == shuffled.Length && shuffled.Length >= 2)
                take = shuffled.Length - 1;
            validation.AddRange(shuffled.Take(take));
            train.AddRange(shuffled.Skip(take));
        }
        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }
}
