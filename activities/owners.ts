// The owners of newly opened deadlines, chosen from the users file and the duty roster as they are
// now. Read-only, so a retry only reads again; the workflow records the answer, so a replay keeps
// the owners chosen then whatever the files say later.
import { ApplicationFailure } from '@temporalio/activity';
import { readRoster } from '../config/roster-file';
import { usersIfAny } from '../config/users-file';
import { chooseOwners } from '../domain/incident/owners';
import type { OwnerChoiceInput, OwnerChoices } from './types';

export function createChooseOwners(dataDir: string, usersFile: string): (input: OwnerChoiceInput) => Promise<OwnerChoices> {
  return async (input) => {
    try {
      const people = usersIfAny(usersFile);
      // no users file yet (the demo before its first start): nobody to name, the deadlines stay the roles'
      return people.length ? chooseOwners(people, readRoster(dataDir), input) : {};
    } catch (error) {
      // a file that fails its schema will not heal by retrying within the minute: the deadlines stay the roles'
      throw ApplicationFailure.nonRetryable(error instanceof Error ? error.message : String(error), 'OwnerFilesInvalid');
    }
  };
}
