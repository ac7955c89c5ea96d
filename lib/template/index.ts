export * from "./definition";
export * from "./rif";
export * from "./cells";
