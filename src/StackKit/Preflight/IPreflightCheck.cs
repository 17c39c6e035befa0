namespace StackKit.Preflight;

/// <summary>One check before a deploy: throws <see cref="PreflightException"/> when the deploy would fail, warns otherwise.</summary>
internal interface IPreflightCheck
{
    /// <summary>Which check this is, in its warnings and refusals.</summary>
    PreflightCheck Name { get; }

    /// <summary>What the check is about, for "could not check ..." warnings.</summary>
    string Subject(PreflightTarget target);

    /// <summary>Whether the target gives this check anything to look at.</summary>
    bool AppliesTo(PreflightTarget target);

    Task CheckAsync(PreflightContext context, CancellationToken cancellationToken);
}
