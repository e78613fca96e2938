// Object types compare without case or surrounding spaces: "Icon " and "icon" are one type.
export const normaliseObjectType = (value: string) => value.trim().toLocaleLowerCase('en');
