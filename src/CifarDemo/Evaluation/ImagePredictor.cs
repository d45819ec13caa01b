using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Evaluation;

/// <summary>
/// Classifies image files of any size with a loaded model: the library's image featurizer (load, resize to 32×32
/// keeping the aspect ratio, extract pixels) and then the model, one image at a time so a bad file is named.
/// </summary>
internal sealed class ImagePredictor
{
    private readonly MLContext _mlContext;
    private readonly LoadedModel _model;
    private readonly ITransformer _featurizer;

    public ImagePredictor(MLContext mlContext, LoadedModel model)
    {
        _mlContext = mlContext;
        _model = model;
        IDataView schemaOnly = mlContext.Data.LoadFromEnumerable(Array.Empty<ImageRow>());
        _featurizer = CifarData.CreateImageFeaturizer(mlContext).Fit(schemaOnly);
    }

    public Prediction Predict(string imagePath, int top)
    {
        string full = Path.GetFullPath(imagePath);
        if (!File.Exists(full))
            return new Prediction(imagePath, [], $"'{full}' does not exist");
        try
        {
            IDataView input = _mlContext.Data.LoadFromEnumerable(new[] { new ImageRow { ImagePath = full } });
            IDataView scored = _model.Transformer.Transform(_featurizer.Transform(input));
            float[] scores = scored.GetColumn<float[]>(ModelEvaluator.ScoreColumn).Single();
            ClassProbability[] best = scores
                .Select((p, i) => new ClassProbability(_model.ClassNames[i], p))
                .OrderByDescending(c => c.Probability)
                .Take(top)
                .ToArray();
            return new Prediction(imagePath, best, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or ArgumentException or IOException)
        {
            return new Prediction(imagePath, [], $"'{full}' could not be read as an image ({ex.Message})");
        }
    }

    private sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
    }
}
