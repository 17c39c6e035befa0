using System.Text.RegularExpressions;

namespace StackKit.Templates;

/// <summary>The rule CloudFormation sets for logical ids: letters and digits only.</summary>
internal static class LogicalIds
{
    private static readonly Regex Valid = new("^[A-Za-z0-9]{1,255}$", RegexOptions.CultureInvariant);

    public static string Check(string logicalId) =>
        logicalId is not null && Valid.IsMatch(logicalId)
            ? logicalId
            : throw new ArgumentException($"'{logicalId}' is not a valid logical id: use 1 to 255 letters and digits.", nameof(logicalId));
}
