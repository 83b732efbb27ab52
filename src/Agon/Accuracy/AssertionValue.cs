namespace Agon.Accuracy;

/// <summary>What an assertion type needs besides its type: checked when the suite is read.</summary>
internal enum AssertionValue
{
    /// <summary>A text <c>value</c> (a number is taken as its text).</summary>
    Text,

    /// <summary>A list of texts: a JSON array, or one text split at commas.</summary>
    List,

    /// <summary>Optionally a JSON Schema as <c>value</c> (an object, or its text).</summary>
    OptionalSchema,

    /// <summary>A <c>threshold</c> and no value.</summary>
    Threshold,

    /// <summary>Optionally a number as <c>value</c>; the test's <c>expected_answer</c> otherwise.</summary>
    OptionalNumber,
}
