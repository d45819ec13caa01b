namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// <see cref="CifarCnnTrainer.Options"/> checked and with every recipe default filled in, so the training loop never
/// sees a null or an out-of-range setting.
/// </summary>
internal sealed record TrainingRecipe
{
    public required CifarArchitecture Architecture { get; init; }
    public required int NetworkWidth { get; init; }
    public required int MaxEpochs { get; init; }
    public required int BatchSize { get; init; }
    public required int EvaluationBatchSize { get; init; }
    public required OptimizerKind Optimizer { get; init; }
    public required double LearningRate { get; init; }
    public required double Momentum { get; init; }
    public required double WeightDecay { get; init; }
    public required LearningRateScheduleKind Schedule { get; init; }
    public required double WarmupFraction { get; init; }
    public required double PlateauFactor { get; init; }
    public required int PlateauPatience { get; init; }
    public required double MinLearningRate { get; init; }
    public required double LabelSmoothing { get; init; }
    public required bool Augment { get; init; }
    public required int CropPadding { get; init; }
    public required CropPaddingMode CropPaddingMode { get; init; }
    public required bool HorizontalFlip { get; init; }
    public required int Seed { get; init; }
    public required ComputeDevice Device { get; init; }
    public required int? NumberOfThreads { get; init; }
    public required double ValidationFraction { get; init; }
    public required bool ChannelsLast { get; init; }
    public required bool TestTimeFlip { get; init; }
    public required bool Lookahead { get; init; }

    /// <summary>Learning-rate multiplier of batch-norm shifts (airbench's bias scaler; 1 = same rate as the rest).</summary>
    public required double NormBiasRateScale { get; init; }

    /// <summary>Where one-cycle and cosine warm-up start, and where their decay ends, as fractions of the peak rate.</summary>
    public required double ScheduleStartRatio { get; init; }
    public required double ScheduleFinalRatio { get; init; }

    /// <summary>Validates <paramref name="options"/> and fills in the architecture's recipe.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the exception names it.</exception>
    /// <exception cref="ArgumentException">Options contradict each other.</exception>
    public static TrainingRecipe From(CifarCnnTrainer.Options options, int? environmentSeed)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool seed = options.Architecture == CifarArchitecture.Seed;
        bool airbench = options.Architecture == CifarArchitecture.Airbench;
        if (!Enum.IsDefined(options.Architecture))
            throw OutOfRange(nameof(options.Architecture), options.Architecture, "an architecture defined in CifarArchitecture");
        Require(options.ImageHeight >= 8 && options.ImageHeight <= 1024, nameof(options.ImageHeight), options.ImageHeight, "between 8 and 1024");
        Require(options.ImageWidth >= 8 && options.ImageWidth <= 1024, nameof(options.ImageWidth), options.ImageWidth, "between 8 and 1024");
        if (seed && (options.ImageHeight % 8 != 0 || options.ImageWidth % 8 != 0))
            throw OutOfRange(nameof(options.ImageHeight), $"{options.ImageHeight}×{options.ImageWidth}", "divisible by 8 for the Seed network (three 2×2 poolings)");
        if (options.NetworkWidth is int networkWidth)
            Require(networkWidth >= 1 && networkWidth <= 256, nameof(options.NetworkWidth), networkWidth, "between 1 and 256");
        if (options.MaxEpochs is int maxEpochs)
            Require(maxEpochs >= 1, nameof(options.MaxEpochs), maxEpochs, "at least 1");
        if (options.BatchSize is int batchSize)
            Require(batchSize >= 1, nameof(options.BatchSize), batchSize, "at least 1");
        Require(options.EvaluationBatchSize >= 1, nameof(options.EvaluationBatchSize), options.EvaluationBatchSize, "at least 1");
        if (options.Optimizer is OptimizerKind optimizer && !Enum.IsDefined(optimizer))
            throw OutOfRange(nameof(options.Optimizer), optimizer, "an optimizer defined in OptimizerKind");
        if (options.LearningRate is double rate)
            Require(rate > 0 && double.IsFinite(rate), nameof(options.LearningRate), rate, "a positive finite number");
        if (options.Momentum is double momentum)
            Require(momentum >= 0 && momentum < 1, nameof(options.Momentum), momentum, "in [0, 1)");
        if (options.WeightDecay is double decay)
            Require(decay >= 0 && double.IsFinite(decay), nameof(options.WeightDecay), decay, "a finite number ≥ 0");
        if (options.LearningRateSchedule is LearningRateScheduleKind schedule && !Enum.IsDefined(schedule))
            throw OutOfRange(nameof(options.LearningRateSchedule), schedule, "a schedule defined in LearningRateScheduleKind");
        Require(options.WarmupFraction >= 0 && options.WarmupFraction < 1, nameof(options.WarmupFraction), options.WarmupFraction, "in [0, 1)");
        Require(options.PlateauFactor > 0 && options.PlateauFactor < 1, nameof(options.PlateauFactor), options.PlateauFactor, "strictly between 0 and 1");
        Require(options.PlateauPatience >= 1, nameof(options.PlateauPatience), options.PlateauPatience, "at least 1");
        Require(options.MinLearningRate >= 0 && double.IsFinite(options.MinLearningRate), nameof(options.MinLearningRate), options.MinLearningRate, "a finite number ≥ 0");
        if (options.LabelSmoothing is double smoothing)
            Require(smoothing >= 0 && smoothing < 1, nameof(options.LabelSmoothing), smoothing, "in [0, 1)");
        if (options.CropPadding is int cropPadding)
            Require(cropPadding >= 0 && cropPadding <= Math.Min(options.ImageHeight, options.ImageWidth) / 2, nameof(options.CropPadding), cropPadding, "between 0 and half the image size");
        Require(options.ValidationFraction >= 0 && options.ValidationFraction < 1, nameof(options.ValidationFraction), options.ValidationFraction, "in [0, 1) (0 = no held-out validation)");
        if (!Enum.IsDefined(options.Device))
            throw OutOfRange(nameof(options.Device), options.Device, "a device defined in ComputeDevice");
        if (options.NumberOfThreads is int threads)
            Require(threads >= 1 && threads <= 1024, nameof(options.NumberOfThreads), threads, "between 1 and 1024");

        LearningRateScheduleKind resolvedSchedule = options.LearningRateSchedule ?? (seed ? LearningRateScheduleKind.Constant : LearningRateScheduleKind.OneCycle);
        if (options.EarlyStopping is EarlyStoppingOptions early)
        {
            if (early.Metric != EarlyStoppingMetric.TrainingLoss && options.ValidationSet == null && options.ValidationFraction == 0)
            {
                throw new ArgumentException(
                    $"Early stopping monitors {early.Metric} but there is no validation data: set ValidationSet or a ValidationFraction > 0, " +
                    "monitor EarlyStoppingMetric.TrainingLoss explicitly, or turn early stopping off (EarlyStopping = null).",
                    nameof(options.EarlyStopping));
            }
            if (resolvedSchedule == LearningRateScheduleKind.ReduceOnPlateau && options.PlateauPatience >= early.Patience)
            {
                throw new ArgumentException(
                    $"PlateauPatience ({options.PlateauPatience}) must be smaller than the early-stopping Patience ({early.Patience}), " +
                    "or early stopping ends training before the learning rate is ever reduced.",
                    nameof(options.PlateauPatience));
            }
        }

        int resolvedBatch = options.BatchSize ?? (airbench ? 512 : 128);
        return new TrainingRecipe
        {
            Architecture = options.Architecture,
            NetworkWidth = options.NetworkWidth ?? (airbench ? 64 : 16),
            MaxEpochs = options.MaxEpochs ?? (airbench ? 10 : 30),
            BatchSize = resolvedBatch,
            EvaluationBatchSize = options.EvaluationBatchSize,
            Optimizer = options.Optimizer ?? (seed ? OptimizerKind.Adam : OptimizerKind.SgdNesterov),
            LearningRate = options.LearningRate ?? (seed ? 1e-3 : airbench ? AirbenchRatePerExample * resolvedBatch : 0.05),
            Momentum = options.Momentum ?? (airbench ? 0.85 : 0.9),
            WeightDecay = options.WeightDecay ?? (seed ? 0 : airbench ? AirbenchWeightDecay : 5e-4),
            Schedule = resolvedSchedule,
            WarmupFraction = options.WarmupFraction,
            PlateauFactor = options.PlateauFactor,
            PlateauPatience = options.PlateauPatience,
            MinLearningRate = options.MinLearningRate,
            LabelSmoothing = options.LabelSmoothing ?? (seed ? 0 : airbench ? 0.2 : 0.1),
            Augment = options.Augment ?? !seed,
            CropPadding = options.CropPadding ?? (airbench ? 2 : 4),
            CropPaddingMode = options.CropPaddingMode ?? (airbench ? CropPaddingMode.Reflect : CropPaddingMode.Zeros),
            HorizontalFlip = options.HorizontalFlip,
            Seed = options.Seed ?? environmentSeed ?? 0,
            Device = options.Device,
            NumberOfThreads = options.NumberOfThreads,
            ValidationFraction = options.ValidationFraction,
            ChannelsLast = options.ChannelsLast,
            TestTimeFlip = options.TestTimeFlip ?? airbench,
            Lookahead = options.Lookahead ?? airbench,
            NormBiasRateScale = airbench ? 64 : 1,
            ScheduleStartRatio = airbench ? 0.2 : 0.1,
            ScheduleFinalRatio = airbench ? 0.07 : 0,
        };
    }

    /// <summary>
    /// Every resolved value as invariant-culture name/value strings, in declaration order, followed by the early-stopping
    /// options (prefixed <c>EarlyStopping.</c>, or <c>EarlyStopping = off</c>): the parameters a tracker records for the run.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToParameters(EarlyStoppingOptions? earlyStopping)
    {
        var list = new List<KeyValuePair<string, string>>();
        void Add(string name, object? value) =>
            list.Add(new(name, value switch
            {
                null => "none",
                bool b => b ? "true" : "false",
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            }));
        Add(nameof(Architecture), Architecture);
        Add(nameof(NetworkWidth), NetworkWidth);
        Add(nameof(MaxEpochs), MaxEpochs);
        Add(nameof(BatchSize), BatchSize);
        Add(nameof(EvaluationBatchSize), EvaluationBatchSize);
        Add(nameof(Optimizer), Optimizer);
        Add(nameof(LearningRate), LearningRate);
        Add(nameof(Momentum), Momentum);
        Add(nameof(WeightDecay), WeightDecay);
        Add(nameof(Schedule), Schedule);
        Add(nameof(WarmupFraction), WarmupFraction);
        Add(nameof(PlateauFactor), PlateauFactor);
        Add(nameof(PlateauPatience), PlateauPatience);
        Add(nameof(MinLearningRate), MinLearningRate);
        Add(nameof(LabelSmoothing), LabelSmoothing);
        Add(nameof(Augment), Augment);
        Add(nameof(CropPadding), CropPadding);
        Add(nameof(CropPaddingMode), CropPaddingMode);
        Add(nameof(HorizontalFlip), HorizontalFlip);
        Add(nameof(Seed), Seed);
        Add(nameof(Device), Device);
        Add(nameof(NumberOfThreads), NumberOfThreads);
        Add(nameof(ValidationFraction), ValidationFraction);
        Add(nameof(ChannelsLast), ChannelsLast);
        Add(nameof(TestTimeFlip), TestTimeFlip);
        Add(nameof(Lookahead), Lookahead);
        if (earlyStopping == null)
        {
            Add("EarlyStopping", "off");
            return list;
        }
        Add("EarlyStopping.Metric", earlyStopping.Metric);
        Add("EarlyStopping.Direction", earlyStopping.Direction);
        Add("EarlyStopping.Patience", earlyStopping.Patience);
        Add("EarlyStopping.MinDelta", earlyStopping.MinDelta);
        Add("EarlyStopping.MinDeltaMode", earlyStopping.MinDeltaMode);
        Add("EarlyStopping.Baseline", earlyStopping.Baseline);
        Add("EarlyStopping.StartFromEpoch", earlyStopping.StartFromEpoch);
        Add("EarlyStopping.RestoreBestWeights", earlyStopping.RestoreBestWeights);
        Add("EarlyStopping.StopOnNonFiniteMetric", earlyStopping.StopOnNonFiniteMetric);
        Add("EarlyStopping.StoppingThreshold", earlyStopping.StoppingThreshold);
        Add("EarlyStopping.DivergenceThreshold", earlyStopping.DivergenceThreshold);
        return list;
    }

    // airbench94's rate of 11.5 per 1,024 examples for a summed loss with momentum 0.85, 11.5 / (1024 · (1 + 1/0.15)),
    // restated per example for our mean loss, and its weight decay (0.0153 per 1,024 examples) as a coupled SGD decay.
    private const double AirbenchRatePerExample = 11.5 / (1024 * (1 + 1 / 0.15));
    private const double AirbenchWeightDecay = 0.0153 / 11.5;

    private static void Require(bool condition, string option, object value, string expected)
    {
        if (!condition)
            throw OutOfRange(option, value, expected);
    }

    private static ArgumentOutOfRangeException OutOfRange(string option, object value, string expected) =>
        new(option, value, $"Option {option} must be {expected}, but it is {value}.");
}
