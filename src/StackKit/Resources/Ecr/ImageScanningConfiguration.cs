using StackKit.Templates;

namespace StackKit.Resources.Ecr;

/// <summary>A repository's image scanning.</summary>
public sealed class ImageScanningConfiguration : PropertyObject
{
    /// <summary>True: each pushed image is scanned for known vulnerabilities (basic scanning, no charge).</summary>
    public Value<bool>? ScanOnPush { get => GetValue<bool>(); set => SetValue(value); }
}
