using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>The parameters of an update: the given values, and every other parameter of the stack kept (UsePreviousValue).</summary>
internal static class UpdateParameters
{
    /// <exception cref="ArgumentException">A parameter the stack does not have while its template is kept.</exception>
    public static List<KeyValuePair<string, string?>> For(CloudFormationStack stack, UpdateStackRequest request)
    {
        IReadOnlyCollection<string>? declared = request.TemplateBody is null ? stack.Parameters.Keys.ToList() : request.TemplateParameters;
        var unknown = declared is null ? [] : request.Parameters.Keys.Where(k => !declared.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Stack '{stack.StackName}' has no parameter {string.Join(", ", unknown.Select(k => $"'{k}'"))}; " +
                $"its parameters are {string.Join(", ", declared!)}.", nameof(request));
        }
        // Parameters not named in the request keep their values, so a change of image touches nothing else; a new
        // template's new parameters take their defaults.
        return stack.Parameters.Keys
            .Where(key => !request.Parameters.ContainsKey(key) && (declared is null || declared.Contains(key)))
            .Select(key => new KeyValuePair<string, string?>(key, null))
            .Concat(request.Parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)))
            .ToList();
    }
}
