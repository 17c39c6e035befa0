namespace StackKit.Stacks;

/// <summary>What CloudFormation does with a stack whose creation failed (its <c>OnFailure</c> setting).</summary>
internal enum StackFailureAction
{
    /// <summary>Remove the resources, keep the stack in ROLLBACK_COMPLETE so its events can be read; delete it before creating it again.</summary>
    Rollback,

    /// <summary>Remove the resources and the stack: nothing is left to clean up, and the stack's events go with it.</summary>
    Delete,

    /// <summary>Keep whatever was created, for inspection; the stack stays in CREATE_FAILED until deleted.</summary>
    DoNothing,
}
