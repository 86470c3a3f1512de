/** Inputs the model families cannot work with, such as predictions for different customer lists. */
export class FamilyInputError extends Error {
  override readonly name = 'FamilyInputError';
}
