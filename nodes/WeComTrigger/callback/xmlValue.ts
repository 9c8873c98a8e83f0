/** What parseWeComXml (xml.ts) returns and shapeEvent (shape.ts) reads; its own file so the two do not import each other. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
	[name: string]: XmlValue;
}
