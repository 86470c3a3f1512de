/** Base of the model-family errors; `cause` keeps the underlying failure. */
export class ModelFamilyError extends Error {
  override readonly name: string = 'ModelFamilyError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Inputs a family cannot work with, such as predictions for different customer lists or a frame with other features. */
export class FamilyInputError extends ModelFamilyError {
  override readonly name = 'FamilyInputError';
}

/** A family that cannot be fitted on this data (too few labels for its networks); the message says why. */
export class FamilyUnavailableError extends ModelFamilyError {
  override readonly name = 'FamilyUnavailableError';
}

/** An id that no registered family has. */
export class UnknownFamilyError extends ModelFamilyError {
  override readonly name = 'UnknownFamilyError';
}

/** Stored family artefacts this code cannot read: missing or malformed parameters, or the wrong number of networks. */
export class FamilyArtefactError extends ModelFamilyError {
  override readonly name = 'FamilyArtefactError';
}
