/** Collects demographic user rows (ML-100K u.user, ML-1M users.dat) into `Users` columns. */
import type { Users } from '../schema.ts';
import { DataError } from './data-error.ts';
import { IdIndex } from './columns.ts';

/** One user as a users file describes it. */
export interface UserRow {
  id: number;
  age: number;
  gender: string;
  occupationLabel: number;
  occupationText: string;
  zipCode: string;
}

/** Appends checked users; `finish` returns the columns. */
export class UsersBuilder {
  private readonly seen = new IdIndex();
  private readonly ages: number[] = [];
  private readonly genders: number[] = [];
  private readonly labels: number[] = [];
  private readonly texts: string[] = [];
  private readonly zips: string[] = [];

  /** Adds `user` read from `file` at `line` (duplicate ids and genders other than M/F throw). */
  push(user: UserRow, file: string, line: number): void {
    if (user.gender !== 'M' && user.gender !== 'F') throw new DataError(file, line, `gender ${JSON.stringify(user.gender)} is not M or F`);
    if (this.seen.add(user.id) < 0) throw new DataError(file, line, `duplicate user id ${user.id}`);
    this.ages.push(user.age);
    this.genders.push(user.gender === 'M' ? 0 : 1);
    this.labels.push(user.occupationLabel);
    this.texts.push(user.occupationText);
    this.zips.push(user.zipCode);
  }

  /** The columns; `ageIsGroup` for ML-1M age-group codes. */
  finish(ageIsGroup: boolean): Users {
    const users: Users = {
      length: this.seen.size,
      id: Int32Array.from(this.seen.ids),
      age: Int16Array.from(this.ages),
      gender: Uint8Array.from(this.genders),
      occupationLabel: Uint8Array.from(this.labels),
      occupationText: this.texts,
      zipCode: this.zips,
    };
    if (ageIsGroup) users.ageIsGroup = true;
    return users;
  }
}
