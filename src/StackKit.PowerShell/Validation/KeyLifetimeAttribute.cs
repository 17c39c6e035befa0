using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace StackKit.PowerShell.Validation;

/// <summary>
/// Takes -ValidFor as a TimeSpan, or as text in units (<c>8h</c>, <c>30m</c>, <c>2d</c>, <c>1h30m</c>, <c>90s</c>) or
/// TimeSpan's own <c>08:00:00</c>. A bare number is refused: PowerShell would read <c>8</c> as 8 ticks, and TimeSpan's
/// parser the text <c>"8"</c> as 8 days.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class KeyLifetimeAttribute : ArgumentTransformationAttribute
{
    private static readonly Regex Units = new(@"^(?:(?<d>\d{1,4})d)?(?:(?<h>\d{1,6})h)?(?:(?<m>\d{1,8})m)?(?:(?<s>\d{1,10})s)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            null or TimeSpan => value,
            string text when Parse(text.Trim()) is { } lifetime => lifetime,
            // PowerShell reads 2d, 30s and 5l as numbers (decimal, short, long): the unit is gone before this sees them.
            _ when value.GetType().IsPrimitive || value is decimal => throw new ArgumentTransformationMetadataException(
                $"-ValidFor {value} is a bare number, which says no unit; give it with units, such as 8h, 30m or 1h30m. " +
                "PowerShell reads 2d and 30s as numbers (decimal and short): quote them ('2d', '30s') or write 48h, 1m."),
            _ => throw new ArgumentTransformationMetadataException(
                $"-ValidFor '{value}' is not a lifetime; give it with units, such as 8h, 30m, 2d or 1h30m (or a TimeSpan such as 08:00:00). " +
                "A key that never expires: -ValidFor ([timespan]::MaxValue)."),
        };
    }

    private static TimeSpan? Parse(string text)
    {
        var match = Units.Match(text);
        if (text.Length > 0 && match.Success)
        {
            double Part(string unit) => match.Groups[unit].Success ? double.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;
            return TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
        }
        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var lifetime) ? lifetime : null;
    }
}
