namespace StackKit.HttpService;

/// <summary>What an update of a running stack may do with a template option; each change rebuilds the template.</summary>
internal enum OptionUpdate
{
    /// <summary>Chosen when the stack is created; changing it needs a new stack.</summary>
    Fixed,

    /// <summary>An update may set a new value.</summary>
    Set,

    /// <summary>An update may set a new value or remove it (back to the default, null).</summary>
    SetOrRemove,
}
